import { startTransition, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { auth } from '../../services/api.js';
import { useAuth } from '../../hooks/useAuth.js';
import { useToast } from '../../hooks/toastContext.js';
import { displayName } from '../../utils/people.js';
import Field from '../Field.jsx';
import ErrorMessage from '../ErrorMessage.jsx';
import Loading from '../Loading.jsx';

/** Each world I own: delete it, or give it to one of its co-authors. */
function WorldChoice({ world, choice, onChoose }) {
  const name = `fate-${world.world_id}`;
  const coAuthors = world.co_authors || [];
  const action = choice && choice.action;
  return (
    <fieldset className="deletion-world" data-testid="deletion-world">
      <legend>{world.name}</legend>
      <label className="radio">
        <input type="radio" name={name} checked={action === 'delete'} onChange={() => onChoose({ world_id: world.world_id, action: 'delete' })} /> Delete this world
      </label>
      {coAuthors.length > 0 ? (
        <div className="deletion-transfer">
          <label className="radio">
            <input
              type="radio"
              name={name}
              checked={action === 'transfer'}
              onChange={() => onChoose({ world_id: world.world_id, action: 'transfer', to_user_id: coAuthors[0].user_id })}
            />{' '}
            Give it to
          </label>
          <select
            aria-label={`New owner of ${world.name}`}
            value={(action === 'transfer' && choice.to_user_id) || coAuthors[0].user_id}
            onChange={(e) => onChoose({ world_id: world.world_id, action: 'transfer', to_user_id: e.target.value })}
          >
            {coAuthors.map((c) => (
              <option key={c.user_id} value={c.user_id}>
                {displayName(c)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted small">No co-author to give it to: add one in the world&apos;s Members tab first if you want to keep it.</p>
      )}
    </fieldset>
  );
}

/** Delete my account: first decide, world by world, what happens to the worlds I own. */
export default function DeleteAccount() {
  const { logout } = useAuth();
  const { show } = useToast();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState({});
  const [password, setPassword] = useState('');
  const plan = useQuery({ queryKey: ['account', 'deletion-plan'], queryFn: () => auth.deletionPlan(), enabled: open });
  const remove = useMutation({
    mutationFn: (body) => auth.deleteAccount(body),
    onSuccess: () => {
      // leaving the page and signing out in one render (the router navigates in a transition),
      // so this page's guard never sees a signed-out user and sends us to the login page
      navigate('/', { replace: true });
      startTransition(() => logout());
      show({ message: 'Your account is deleted.', tone: 'success' });
    },
    onError: (err) => {
      if (err && err.code === 'worlds_unresolved') plan.refetch();
    },
  });

  if (!open) {
    return (
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
    );
  }
  const owned = (plan.data && plan.data.worlds) || [];
  const unresolved = owned.filter((w) => !choices[w.world_id]);
  return (
    <form
      className="form deletion-form"
      aria-label="Delete account"
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate({ password, worlds: owned.map((w) => choices[w.world_id]) });
      }}
    >
      <p>
        Your account and your profile go, and you leave every world you are a member of. Your stories in other people&apos;s worlds stay
        there, with the world&apos;s owner. This cannot be undone.
      </p>
      {plan.isPending && <Loading label="Loading your worlds…" />}
      <ErrorMessage error={plan.error} onRetry={() => plan.refetch()} />
      {owned.length > 0 && <h3>Your worlds</h3>}
      {owned.map((w) => (
        <WorldChoice key={w.world_id} world={w} choice={choices[w.world_id]} onChoose={(c) => setChoices((all) => ({ ...all, [w.world_id]: c }))} />
      ))}
      <Field label="Your password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      <ErrorMessage error={remove.error} />
      {plan.data && unresolved.length > 0 && <p className="muted small">Choose what happens to each of your worlds first.</p>}
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={!plan.data || unresolved.length > 0 || !password || remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete my account'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
