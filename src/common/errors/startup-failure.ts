/**
 * A reason the application cannot start that the operator can fix (an unreachable database, an invalid setting, a
 * port in use). Its message says everything needed, credentials masked: main.ts logs it as one line, without a
 * stack.
 */
export class StartupFailure extends Error {
  override readonly name = 'StartupFailure';
}
