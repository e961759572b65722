import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { auth } from '../../services/api.js';
import { useAuth } from '../../hooks/useAuth.js';
import { IMAGE_TYPES, uploadErrorMessage } from '../../utils/images.js';
import Avatar from './Avatar.jsx';

/** My picture: upload one (stored as a square thumbnail) or remove it. */
export default function AvatarForm() {
  const id = useId();
  const { user, updateUser } = useAuth();
  const queryClient = useQueryClient();
  const input = useRef(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const done = async (answer) => {
    if (answer && answer.user && updateUser) updateUser(answer.user);
    await Promise.all([queryClient.removeQueries({ queryKey: ['avatars', user.user_id] }), queryClient.invalidateQueries({ queryKey: ['worlds'] })]);
  };
  const upload = async (e) => {
    const file = e.target.files && e.target.files[0];
    setError('');
    if (!file) return;
    if (file.type && !IMAGE_TYPES.includes(file.type)) {
      setError(`“${file.name}” is not a PNG, JPEG, WebP or GIF image.`);
      return;
    }
    setBusy(true);
    try {
      await done(await auth.setAvatar(file));
    } catch (err) {
      setError(uploadErrorMessage(err, file));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const remove = async () => {
    setBusy(true);
    setError('');
    try {
      await done(await auth.removeAvatar());
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card avatar-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Picture</h2>
      <div className="avatar-form-row">
        <Avatar person={user} size="large" />
        <div>
          <label htmlFor={id} className="small">
            Upload a picture
          </label>
          <input ref={input} id={id} type="file" accept={IMAGE_TYPES.join(',')} onChange={upload} disabled={busy} />
          <p className="small muted" aria-live="polite">
            {busy ? 'Working…' : 'PNG, JPEG, WebP or GIF; cut to a square.'}
          </p>
          {user.avatar_url && (
            <button type="button" className="btn btn-small btn-ghost" onClick={remove} disabled={busy}>
              Remove picture
            </button>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
