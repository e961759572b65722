import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { stories } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import Field from '../components/Field.jsx';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import StoryForm from '../components/StoryForm.jsx';
import CastPicker from '../components/CastPicker.jsx';
import { calendarOf } from '../utils/calendar.js';
import { useTitle } from '../hooks/useTitle.js';

export default function StoryNew() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [worldId, setWorldId] = useState(params.get('world_id') || '');
  const [selected, setSelected] = useState([]);
  useTitle('New story');
  const queryClient = useQueryClient();
  const myWorlds = useQuery(queries.worlds({ mine: 1, per_page: 200 }));
  const list = ((myWorlds.data && myWorlds.data.items) || []).filter((w) => w.owner_id === user.user_id || user.role === 'admin');
  const effectiveWorld = worldId || (list[0] && list[0].world_id) || '';
  const chars = useQuery({ ...queries.characters(effectiveWorld), enabled: !!effectiveWorld });
  const characters = (chars.data && chars.data.items) || [];
  const world = list.find((w) => w.world_id === effectiveWorld);
  const create = useMutation({
    mutationFn: (body) => stories.create(body),
    onSuccess: (res) => {
      const story = (res && res.story) || res;
      navigate(`/stories/${story.story_id}`);
      return worldChanged(queryClient, story.world_id);
    },
  });

  if (myWorlds.isPending) return <Loading label="Loading your worlds…" />;
  if (myWorlds.error) return <div className="page"><ErrorMessage error={myWorlds.error} onRetry={() => myWorlds.refetch()} /></div>;
  if (list.length === 0)
    return (
      <div className="page">
        <h1>New story</h1>
        <EmptyState title="Stories live inside worlds.">
          <Link to="/worlds?new=1" className="btn btn-primary">Create a world first</Link>
        </EmptyState>
      </div>
    );

  const toggle = (id) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <div className="page narrow">
      <h1>New story</h1>
      <StoryForm
        label="New story"
        submitLabel="Create story"
        worldId={effectiveWorld}
        calendar={calendarOf(world)}
        onCancel={() => navigate(-1)}
        aiContext={() => ({
          world_description: (world && world.description) || '',
          characters: characters.filter((c) => selected.includes(c.entity_id)).map((c) => c.name),
        })}
        onSubmit={(body) => create.mutateAsync({ ...body, world_id: effectiveWorld, selected_characters: selected })}
        extraValues={{ world_id: effectiveWorld, selected_characters: selected }}
        onRestoreExtra={(kept) => {
          if (list.some((w) => w.world_id === kept.world_id)) setWorldId(kept.world_id);
          if (Array.isArray(kept.selected_characters)) setSelected(kept.selected_characters);
        }}
      >
        <Field label="World" as="select" value={effectiveWorld} onChange={(e) => { setWorldId(e.target.value); setSelected([]); }}>
          {list.map((w) => (
            <option key={w.world_id} value={w.world_id}>
              {w.name}
            </option>
          ))}
        </Field>
        {characters.length > 0 && <CastPicker characters={characters} selected={selected} onToggle={toggle} />}
      </StoryForm>
    </div>
  );
}
