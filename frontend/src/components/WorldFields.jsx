import { DETECT_LANGUAGE, LANGUAGES, VISIBILITIES, VISIBILITY_HINT, WORLD_TYPES } from '../utils/options.js';
import Field from './Field.jsx';

/**
 * The fields every world has (name, type, visibility, description), shared by the create and edit
 * forms, and its language (a new world may leave it to detection from its name and description;
 * so may an edit of a world that has none). `form` holds their values, `set(key)` makes a change handler, `details` the API's field
 * errors. A new world's name is focused and capped at the API's limit; an edit leaves the limit
 * to the API, whose field error then shows.
 */
export default function WorldFields({ form, set, details, isNew = false }) {
  return (
    <>
      <div className="form-row">
        <Field label="Name" value={form.name} onChange={set('name')} error={details.name} required maxLength={isNew ? 200 : undefined} autoFocus={isNew} />
        <Field label="Type" as="select" options={WORLD_TYPES} value={form.world_type} onChange={set('world_type')} error={details.world_type} />
      </div>
      <div className="form-row">
        <Field label="Visibility" hint={VISIBILITY_HINT} as="select" options={VISIBILITIES} value={form.visibility} onChange={set('visibility')} error={details.visibility} />
        <Field
          label="Language"
          hint="The AI writes descriptions, names and answers in it."
          as="select"
          options={isNew || !form.language ? [DETECT_LANGUAGE, ...LANGUAGES] : LANGUAGES}
          value={form.language || ''}
          onChange={set('language')}
          error={details.language}
        />
      </div>
      <Field
        label="Description"
        as="textarea"
        rows={5}
        value={form.description}
        onChange={set('description')}
        error={details.description}
        placeholder="What is this world like? Its lands, peoples, conflicts…"
      />
    </>
  );
}
