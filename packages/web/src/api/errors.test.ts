import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrorsOf, relativePath } from './errors.js';

describe('ApiError', () => {
  it('turns a single-path error into one issue, without the path repeated in its message', () => {
    const error = new ApiError(422, {
      code: 'invalid_design',
      message: 'services.a.workers: expected a whole number ≥ 1, got 0',
      path: 'services.a.workers',
    });
    expect(error.issues).toEqual([
      { path: 'services.a.workers', message: 'expected a whole number ≥ 1, got 0' },
    ]);
  });

  it('says when a save lost to another save', () => {
    const error = new ApiError(409, { code: 'version_conflict', message: 'at version 3', currentVersion: 3 });
    expect(error.isVersionConflict).toBe(true);
    expect(error.currentVersion).toBe(3);
  });
});

describe('fieldErrorsOf', () => {
  const error = new ApiError(422, {
    code: 'invalid_design',
    message: 'two problems',
    issues: [
      { path: 'services.gateway.calls[0].retry.maxAttempts', message: 'expected a whole number ≥ 1, got 0' },
      {
        path: 'services.gateway.calls[0].timeout',
        message: 'services.gateway.calls[0].timeout: expected a duration',
      },
      { path: 'faults[1].target', message: 'no service named "ordrs"' },
    ],
  });

  it('keys messages by path, relative to a form', () => {
    expect(fieldErrorsOf(error, 'services.gateway.calls[0]')).toEqual({
      'retry.maxAttempts': 'expected a whole number ≥ 1, got 0',
      timeout: 'expected a duration',
    });
    expect(fieldErrorsOf(error, 'faults')).toEqual({ '[1].target': 'no service named "ordrs"' });
  });

  it('gives nothing for errors that are not the API’s', () => {
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});

describe('relativePath', () => {
  it('does not confuse a service with another whose name starts the same', () => {
    expect(relativePath('services.orders2.workers', 'services.orders')).toBeUndefined();
    expect(relativePath('services.orders.workers', 'services.orders')).toBe('workers');
  });
});
