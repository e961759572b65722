import FieldTemplatesEditor from './FieldTemplatesEditor.jsx';
import RelationTypesEditor from './RelationTypesEditor.jsx';
import '../styles/codex.css';

/** The owner's settings of a world's codex: custom fields per kind and the relation types. */
export default function WorldSettingsTab({ world }) {
  return (
    <div className="world-settings">
      <FieldTemplatesEditor world={world} />
      <RelationTypesEditor world={world} />
    </div>
  );
}
