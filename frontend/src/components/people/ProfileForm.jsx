import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { auth } from '../../services/api.js';
import { useAuth } from '../../hooks/useAuth.js';
import Field from '../Field.jsx';
import ErrorMessage from '../ErrorMessage.jsx';

export const DISPLAY_NAME_MAX = 80;
export const BIO_MAX = 2000;

/** My display name and bio (shown on my public profile and beside everything I do). */
export default function ProfileForm() {
  const { user, updateUser } = useAuth();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.display_name || '');
  const [bio, setBio] = useState(user.bio || '');
  const save = useMutation({
    mutationFn: (body) => auth.updateMe(body),
    onSuccess: (answer) => {
      if (answer && answer.user && updateUser) updateUser(answer.user);
      // member cards and my profile show the name
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['profiles'] }), queryClient.invalidateQueries({ queryKey: ['worlds'] })]);
    },
  });
  const details = (save.error && save.error.details) || {};
  return (
    <form
      className="card form"
      aria-label="Profile"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ display_name: displayName.trim(), bio });
      }}
    >
      <h2>Profile</h2>
      <Field
        label="Display name"
        value={displayName}
        maxLength={DISPLAY_NAME_MAX}
        onChange={(e) => setDisplayName(e.target.value)}
        hint={`Shown instead of your username (${user.username}). Up to ${DISPLAY_NAME_MAX} characters.`}
        error={details.display_name}
      />
      <Field
        label="Bio"
        as="textarea"
        rows={4}
        value={bio}
        maxLength={BIO_MAX}
        onChange={(e) => setBio(e.target.value)}
        hint={`${bio.length} / ${BIO_MAX}`}
        error={details.bio}
      />
      <ErrorMessage error={save.error} />
      {save.isSuccess && (
        <p className="alert alert-success" role="status">
          Profile saved.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
