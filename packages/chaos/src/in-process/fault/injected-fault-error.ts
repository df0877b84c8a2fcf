import { FaultlineError, type FailureCode } from '@faultline/core';

/**
 * The error a fault from the config form throws. Its `code` is a failure code of the run result
 * (`unavailable`, `timeout`, ...), so dashboards and `failureCodeOf` count it where a real
 * failure of that kind would be counted.
 */
export class InjectedFaultError extends FaultlineError {
  declare readonly code: FailureCode;
  constructor(message = 'injected fault', code: FailureCode = 'error') {
    super(code, message);
  }
}
