import Badge from './Badge.jsx';
import ConfirmButton from './ConfirmButton.jsx';
import EntryImage from './EntryImage.jsx';
import TagLinks from './TagLinks.jsx';
import { LocationBreadcrumb } from './LocationPlace.jsx';
import { codexPath, kindLabel } from '../utils/entries.js';

/** The top of an entry's page: image, name, kind, type or role, aliases, tags; Edit and Delete for editors. */
export default function EntryHeader({ page, worldId, editable, onEdit, onDelete, onSetImage }) {
  const { entry } = page;
  const isLocation = entry.kind === 'location';
  const aliases = entry.aliases || [];
  return (
    <header className={`entry-header ${entry.image_id ? 'has-image' : ''}`}>
      {entry.image_id && <EntryImage worldId={worldId} imageId={entry.image_id} name={entry.name} editable={editable} onSet={onSetImage} />}
      <div className="entry-title">
        {isLocation && <LocationBreadcrumb worldId={worldId} breadcrumb={page.breadcrumb} />}
        <h1>{entry.name}</h1>
        <div className="badges">
          <Badge tone={`kind-${entry.kind}`}>{kindLabel(entry.kind)}</Badge>
          {isLocation && entry.location_type && entry.location_type !== 'place' && <Badge tone="type">{entry.location_type}</Badge>}
          {!isLocation && entry.role && <Badge tone="role">{entry.role}</Badge>}
        </div>
        {aliases.length > 0 && (
          <p className="entry-aliases">
            <span className="muted">Also known as </span>
            {aliases.join(' · ')}
          </p>
        )}
        <TagLinks tags={entry.tags} to={(tag) => codexPath(worldId, { tag })} />
        {editable && (
          <div className="actions">
            <button type="button" className="btn" onClick={onEdit}>
              Edit
            </button>
            <ConfirmButton label={`Delete ${entry.name}`} onConfirm={onDelete}>
              Delete
            </ConfirmButton>
          </div>
        )}
        {!entry.image_id && <EntryImage worldId={worldId} imageId="" name={entry.name} editable={editable} onSet={onSetImage} />}
      </div>
    </header>
  );
}
