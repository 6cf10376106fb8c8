/**
 * The busy flag and last error of one user action (a form submit, a button), so each component only
 * writes what the action does. Forms disable their button on `busy` and show `error` with ErrorMessage.
 */
export class ActionState {
  busy = $state(false);
  error = $state<unknown>(null);

  /** Runs `action` unless one is already running (a double tap sends once); resolves whether it succeeded. */
  async run(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await action();
      return true;
    } catch (err) {
      this.error = err;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
