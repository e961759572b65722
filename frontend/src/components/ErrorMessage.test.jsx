import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../services/api.js';
import ErrorMessage from './ErrorMessage.jsx';
import Field from './Field.jsx';

/** An ApiError as the client makes it from an answer of the API. */
const answer = (status, data, headers = {}) => new ApiError({ isAxiosError: true, response: { status, data, headers } });

describe('ErrorMessage and form fields show plain sentences', () => {
  it('a validation error: the sentence on top, each field its own', () => {
    const err = answer(400, { error: 'Invalid body', code: 'validation_error', details: { content: 'String should have at least 1 character', title: 'String should have at most 200 characters' } });
    render(
      <>
        <ErrorMessage error={err} />
        <Field label="Title" error={err.details.title} />
        <Field label="Story text" as="textarea" error={err.details.content} />
      </>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Write some story text first. The title can be at most 200 characters long.');
    expect(screen.getByRole('alert')).not.toHaveTextContent(/Invalid body/);
    expect(screen.getByLabelText('Story text')).toHaveAccessibleDescription('Write some story text first.');
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('The title can be at most 200 characters long.');
  });

  it('a known code in plain words, with the wait of a rate limit', () => {
    render(<ErrorMessage error={answer(429, { error: 'Too many requests: 5 per 1 minute', code: 'rate_limited' }, { 'retry-after': '40' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('That was a lot of requests in a short time. Try again in 40 seconds.');
  });

  it("the server's own words when they are specific", () => {
    render(<ErrorMessage error={answer(403, { error: 'Only the world\'s owner can change it', code: 'forbidden' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent("Only the world's owner can change it.");
  });
});
