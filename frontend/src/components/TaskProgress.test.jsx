import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import TaskProgress from './TaskProgress.jsx';

describe('TaskProgress', () => {
  it('renders nothing when idle', () => {
    const { container } = render(<TaskProgress task={{ status: 'idle' }} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows a bar, the progress message and a cancel button while running', () => {
    const cancel = vi.fn();
    render(
      <TaskProgress
        label="Batch analysis"
        task={{ status: 'processing', running: true, progress: { done: 1, total: 4, message: 'Analysing “The Gate”' }, cancel }}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Batch analysis progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText(/Analysing “The Gate” \(1\/4\)/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalled();
  });

  it('shows the error text of a failed job', () => {
    render(<TaskProgress task={{ status: 'error', running: false, error: 'Provider down' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Provider down');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('is full when completed', () => {
    render(<TaskProgress task={{ status: 'completed', running: false, provider: 'offline' }} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText(/via offline/)).toBeInTheDocument();
  });
});
