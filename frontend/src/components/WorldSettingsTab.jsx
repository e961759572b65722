import FieldTemplatesEditor from './FieldTemplatesEditor.jsx';
import RelationTypesEditor from './RelationTypesEditor.jsx';
import WorldAIModel from './ai/WorldAIModel.jsx';
import '../styles/codex.css';

/** The owner's settings of a world: custom fields per kind, the relation types, and the AI model. */
export default function WorldSettingsTab({ world }) {
  return (
    <div className="world-settings">
      <FieldTemplatesEditor world={world} />
      <RelationTypesEditor world={world} />
      <WorldAIModel world={world} />
    </div>
  );
}
