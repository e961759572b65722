import { useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { checks, findings as findingsApi } from '../../services/api.js';
import { queries, queryKeys } from '../../services/queries.js';
import { useTask } from '../../hooks/useTask.js';
import { plural } from '../../utils/options.js';
import ErrorMessage from '../ErrorMessage.jsx';
import TaskProgress from '../TaskProgress.jsx';
import Loading from '../Loading.jsx';
import FindingItem from './FindingItem.jsx';
import { SEVERITY_GROUPS } from './findingLabels.js';
import { locateQuote, replaceSpan, selectSpan, selectionOffsets, waitFor } from './editorSpan.js';
import '../../styles/consistency.css';

const GONE = 'The quoted words are no longer in the text (it changed since the check). Run the check again.';

/**
 * "Check consistency" on the story page: runs a check of the whole chapter or of the editor's
 * selection (a task, polled), then lists the findings by severity. A quote selects its words in
 * the editor; Fix puts the suggestion in their place (one undo step) and marks the finding fixed;
 * Dismiss is remembered by the API across re-runs; "Show dismissed" lists them, with Reopen.
 *
 * `getEditor()` answers the story editor's CodeMirror view (null when the story is not being
 * edited); `openEditor()` opens it.
 */
export default function ConsistencyPanel({ story, getEditor = () => null, openEditor }) {
  const storyId = story.story_id;
  const id = useId();
  const queryClient = useQueryClient();
  const task = useTask({ timeoutMs: 300000 });
  const [scope, setScope] = useState('all');
  const [showDismissed, setShowDismissed] = useState(false);
  const [summary, setSummary] = useState(null);
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);
  const [busyId, setBusyId] = useState(null);
  const [useAI, setUseAI] = useState(true);
  const heading = useRef(null); // where the focus goes when the finding it was on leaves the list
  // the model adds what rules cannot see; offered only when the server has one
  const modelOn = !!(useQuery(queries.adminHealth()).data || {}).gpt_enabled;
  const open = useQuery(queries.findings(storyId, 'open'));
  const dismissed = useQuery({ ...queries.findings(storyId, 'dismissed'), enabled: showDismissed });
  const openList = (open.data && open.data.findings) || [];
  const dismissedList = (dismissed.data && dismissed.data.findings) || [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.stories.allFindings(storyId) });

  const run = async () => {
    setError(null);
    setNotice(null);
    setSummary(null);
    let body = modelOn && useAI ? { use_ai: true } : {};
    const view = getEditor();
    if (view && view.state.doc.toString() !== (story.content || '')) setNotice('The check reads the text as last saved; your latest typing is checked once it is saved.');
    if (scope === 'selection') {
      const span = selectionOffsets(getEditor());
      if (!span) {
        setError(openEditor && !getEditor() ? 'Open the story with “Edit story” and select the words to check first.' : 'Select the words to check in the story text first.');
        return;
      }
      body = { ...body, ...span };
    }
    try {
      const result = await task.run(() => checks.start(storyId, body));
      const counts = (result && result.counts) || { open: ((result && result.findings) || []).length, dismissed: 0 };
      const dropped = result && (Array.isArray(result.dropped) ? result.dropped.length : Number(result.dropped) || 0);
      setSummary({ ...counts, dropped, notice: (result && result.notice) || '' });
    } catch {
      return; // shown in TaskProgress
    } finally {
      await refresh();
    }
  };

  /** The editor, opened first when the story is only being read. */
  const editor = async () => {
    let view = getEditor();
    if (!view && openEditor) {
      openEditor();
      view = await waitFor(getEditor);
    }
    return view;
  };

  const select = async (finding) => {
    setNotice(null);
    const view = await editor();
    if (!view) return setNotice('The story editor could not be opened.');
    const span = locateQuote(view.state.doc.toString(), finding);
    if (!span) return setNotice(GONE);
    selectSpan(view, span);
  };

  const setStatus = async (finding, status) => {
    setError(null);
    setBusyId(finding.finding_id);
    try {
      await findingsApi.setStatus(finding.finding_id, status);
      setSummary(null); // its counts are out of date now
      await refresh();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusyId(null);
    }
  };

  /** Dismiss or reopen: the finding leaves its list, so the focus goes to the panel's heading and the change is said. */
  const moved = async (finding, status, said) => {
    setNotice(null);
    if (await setStatus(finding, status)) {
      setNotice(said);
      if (heading.current) heading.current.focus();
    }
  };

  const fix = async (finding) => {
    setNotice(null);
    const view = await editor();
    if (!view) return setNotice('The story editor could not be opened.');
    const span = locateQuote(view.state.doc.toString(), finding);
    if (!span) return setNotice(GONE);
    replaceSpan(view, span, finding.suggestion);
    if (await setStatus(finding, 'fixed')) setNotice(`Replaced with “${finding.suggestion}”. The story saves by itself; Undo in the text (Ctrl+Z) brings the old words back.`);
  };

  const item = (f) => (
    <FindingItem
      key={f.finding_id}
      finding={f}
      worldId={story.world_id}
      busy={busyId === f.finding_id}
      onSelect={select}
      onFix={fix}
      onDismiss={(x) => moved(x, 'dismissed', 'Dismissed: it stays dismissed when the check runs again.')}
      onReopen={(x) => moved(x, 'open', 'Reopened.')}
    />
  );

  return (
    <section className="card check-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        Check consistency
      </h2>
      <p className="muted small">Compares the text with the world’s codex, relations and timeline, and with earlier chapters.</p>
      <div className="check-run">
        <fieldset className="check-scope">
          <legend className="small">What to check</legend>
          <label>
            <input type="radio" name={`${id}-scope`} value="all" checked={scope === 'all'} onChange={() => setScope('all')} /> Whole chapter
          </label>
          <label>
            <input type="radio" name={`${id}-scope`} value="selection" checked={scope === 'selection'} onChange={() => setScope('selection')} /> Selected text
          </label>
        </fieldset>
        {modelOn && (
          <label className="check-toggle check-ai">
            <input type="checkbox" checked={useAI} onChange={(e) => setUseAI(e.target.checked)} /> Also ask the AI model
          </label>
        )}
        <button type="button" className="btn btn-primary" onClick={run} disabled={task.running}>
          {task.running ? 'Checking…' : 'Check consistency'}
        </button>
      </div>
      <TaskProgress task={task} label="Checking the text" />
      {summary && (
        <p className={`alert ${summary.open > 0 ? 'alert-info' : 'alert-success'}`} role="status">
          {summary.open > 0 ? `${plural(summary.open, 'possible problem')} to look at.` : 'No open problems found.'}
          {summary.dismissed > 0 && ` ${plural(summary.dismissed, 'finding')} you dismissed stayed dismissed.`}
          {summary.dropped > 0 && ` ${plural(summary.dropped, 'finding')} of the AI left out: its quote or citation did not hold.`}
        </p>
      )}
      {summary && summary.notice && <p className="muted small">{summary.notice}</p>}
      <ErrorMessage error={error} />
      {notice && (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      )}

      {open.isPending && <Loading label="Loading findings…" />}
      <ErrorMessage error={open.error} onRetry={() => open.refetch()} />
      {open.data && openList.length === 0 && <p className="muted">No open findings.</p>}
      {SEVERITY_GROUPS.map(([severity, title]) => {
        const group = openList.filter((f) => f.severity === severity);
        if (!group.length) return null;
        return (
          <section key={severity} className="check-group" aria-labelledby={`${id}-${severity}`}>
            <h3 id={`${id}-${severity}`}>
              {title} <span className="muted small">({group.length})</span>
            </h3>
            <ul className="findings">{group.map(item)}</ul>
          </section>
        );
      })}
      {/* a severity this panel does not know still shows */}
      {openList.some((f) => !SEVERITY_GROUPS.some(([s]) => s === f.severity)) && (
        <ul className="findings">{openList.filter((f) => !SEVERITY_GROUPS.some(([s]) => s === f.severity)).map(item)}</ul>
      )}

      <label className="check-toggle">
        <input type="checkbox" checked={showDismissed} onChange={(e) => setShowDismissed(e.target.checked)} /> Show dismissed
      </label>
      {showDismissed && (
        <section className="check-group" aria-labelledby={`${id}-dismissed`}>
          <h3 id={`${id}-dismissed`}>
            Dismissed <span className="muted small">({dismissedList.length})</span>
          </h3>
          {dismissed.isPending && <Loading label="Loading dismissed findings…" />}
          <ErrorMessage error={dismissed.error} onRetry={() => dismissed.refetch()} />
          {dismissed.data && dismissedList.length === 0 && <p className="muted small">Nothing dismissed.</p>}
          {dismissedList.length > 0 && <ul className="findings">{dismissedList.map(item)}</ul>}
        </section>
      )}
    </section>
  );
}
