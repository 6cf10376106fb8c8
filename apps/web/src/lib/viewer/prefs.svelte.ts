/** Where the viewer's look is remembered on this tablet. */
const key = 'hopso.viewer.prefs';

/**
 * Dark or light chrome around the pages, and pages shown with inverted colours (reading in a dim hall).
 * A per-device choice, like the language, kept in localStorage.
 */
class ViewerPrefs {
  dark = $state(false);
  invert = $state(false);

  constructor() {
    try {
      const saved = JSON.parse(globalThis.localStorage?.getItem(key) ?? '{}') as { dark?: unknown; invert?: unknown };
      this.dark = saved.dark === true;
      this.invert = saved.invert === true;
    } catch {
      // Nothing saved, or storage disabled: light, normal pages.
    }
  }

  toggleDark(): void {
    this.dark = !this.dark;
    this.#save();
  }

  toggleInvert(): void {
    this.invert = !this.invert;
    this.#save();
  }

  #save(): void {
    try {
      globalThis.localStorage?.setItem(key, JSON.stringify({ dark: this.dark, invert: this.invert }));
    } catch {
      // Private mode: the choice lasts for this visit.
    }
  }
}

export const viewerPrefs = new ViewerPrefs();
