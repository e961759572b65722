import { Link } from 'react-router-dom';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { wordsLabel } from '../../utils/wordCount.js';
import Badge from '../Badge.jsx';

function titleOf(chapters, id) {
  const i = chapters.findIndex((c) => c.story_id === id);
  return i < 0 ? 'the chapter' : `chapter ${i + 1}, “${chapters[i].title}”`;
}

// what a screen reader hears while a chapter is moved with the keyboard (or the pointer)
const announce = (chapters) => ({
  onDragStart: ({ active }) => `Picked up ${titleOf(chapters, active.id)}. Arrow keys move it, Space drops it, Escape cancels.`,
  onDragOver: ({ active, over }) => (over ? `${titleOf(chapters, active.id)} is over position ${chapters.findIndex((c) => c.story_id === over.id) + 1}.` : undefined),
  onDragEnd: ({ active, over }) => (over ? `Dropped ${titleOf(chapters, active.id)} at position ${chapters.findIndex((c) => c.story_id === over.id) + 1}.` : 'Dropped.'),
  onDragCancel: ({ active }) => `Moving ${titleOf(chapters, active.id)} was cancelled.`,
});

function Chapter({ chapter, index, sortable, onRemove, busy }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: chapter.story_id, disabled: !sortable });
  return (
    <li ref={setNodeRef} className={`chapter-row ${isDragging ? 'is-dragging' : ''}`} style={{ transform: CSS.Transform.toString(transform), transition }}>
      {sortable && (
        <button type="button" ref={setActivatorNodeRef} className="chapter-handle" aria-label={`Move chapter ${index + 1}: ${chapter.title}`} {...attributes} {...listeners}>
          <span aria-hidden="true">⋮⋮</span>
        </button>
      )}
      <span className="chapter-number">{index + 1}.</span>
      <span className="chapter-title">
        <Link to={`/stories/${chapter.story_id}`}>{chapter.title || 'Untitled chapter'}</Link>
        {chapter.visibility && chapter.visibility !== 'public' && <Badge tone={chapter.visibility}>{chapter.visibility}</Badge>}
      </span>
      <span className="chapter-words">
        {wordsLabel(chapter.word_count || 0)}
        {chapter.scene_count > 1 && <span className="muted"> · {chapter.scene_count} scenes</span>}
      </span>
      {onRemove && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => onRemove(chapter)} disabled={busy} aria-label={`Take “${chapter.title}” out of the book`}>
          Remove
        </button>
      )}
    </li>
  );
}

/**
 * The chapters of a book in order: each links to its story, with its words. `onReorder(ids)`
 * (writers only) moves them by dragging the handle, or from the keyboard: Space on a handle picks
 * the chapter up, arrows move it, Space drops it.
 */
export default function ChapterList({ chapters, onReorder, onRemove, busy }) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = chapters.map((c) => c.story_id);
  const onDragEnd = ({ active, over }) => {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(ids, ids.indexOf(active.id), ids.indexOf(over.id)));
  };
  const list = (
    <ol className="chapter-list" aria-label="Chapters">
      {chapters.map((c, i) => (
        <Chapter key={c.story_id} chapter={c} index={i} sortable={!!onReorder && !busy} onRemove={onRemove} busy={busy} />
      ))}
    </ol>
  );
  if (!onReorder) return list;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: announce(chapters),
        screenReaderInstructions: { draggable: 'To move a chapter, press Space on its handle, move it with the arrow keys, and press Space again to drop it. Escape cancels.' },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {list}
      </SortableContext>
    </DndContext>
  );
}
