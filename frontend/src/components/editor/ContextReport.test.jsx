import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ContextReport, { SKIPPED_SHOWN } from './ContextReport.jsx';

describe('What the AI saw', () => {
  it('lists what went with the job and why, what was left out and why, and only counts what the writer may not see', () => {
    const report = {
      budget_tokens: 2000,
      used_tokens: 31,
      tokenizer: 'tiktoken:o200k_base',
      included: [
        { kind: 'entry', id: 'e1', name: 'Thánh Gióng', tokens: 20, why: 'mention', rank: 1 },
        { kind: 'relation', id: 'r1', name: 'Thánh Gióng — child of — Bà mẹ làng Phù Đổng', tokens: 10, why: 'relation', rank: 2 },
        { kind: 'event', id: 'v1', name: 'The iron horse', tokens: 1, why: 'recent_event', rank: 3 },
      ],
      skipped: [
        ...Array.from({ length: SKIPPED_SHOWN + 3 }, (_, i) => ({ kind: 'entry', id: `s${i}`, name: `Entry ${i}`, tokens: 5, reason: i ? 'rank' : 'budget' })),
        { kind: 'event', reason: 'visibility', count: 3 },
      ],
    };
    render(<ContextReport report={report} />);
    const summary = screen.getByText('What the AI saw');
    expect(summary.closest('summary')).toHaveTextContent('(3 items of the canon, 21 left out)');
    fireEvent.click(summary);
    expect(screen.getByText('31 of 2,000 tokens used (counted by tiktoken:o200k_base).')).toBeInTheDocument();
    expect(screen.getByText('Thánh Gióng').closest('li')).toHaveTextContent('Thánh Gióng entry — linked with [[…]] · 20 tokens');
    expect(screen.getByText(/child of/).closest('li')).toHaveTextContent('related to an included entry');
    expect(screen.getByText('The iron horse').closest('li')).toHaveTextContent('event — a recent event · 1 token');
    expect(screen.getByText('Entry 0').closest('li')).toHaveTextContent('no room left');
    expect(screen.getByText('Entry 1').closest('li')).toHaveTextContent('less relevant');
    expect(screen.queryByText(`Entry ${SKIPPED_SHOWN}`)).toBeNull();
    expect(screen.getByText('3 more items left out for the same reasons')).toBeInTheDocument();
    expect(screen.getByText('3 items you cannot see — not yours to see')).toBeInTheDocument();
  });

  it('says so when nothing from the canon went with the job, and shows nothing without a report', () => {
    const { container, rerender } = render(<ContextReport report={null} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<ContextReport report={{ budget_tokens: 2000, used_tokens: 0, tokenizer: 'estimate', included: [], skipped: [] }} />);
    expect(screen.getByText(/Nothing from the canon/)).toBeInTheDocument();
  });
});
