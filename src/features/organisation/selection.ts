import { useSyncExternalStore } from 'react';

export interface SelectedPerson {
  id: string;
  name: string;
  userPrincipalName: string;
}

/**
 * The people chosen in the Organisation table, kept for the page's life (the change and
 * export pages read it): by filter ("select all shown") or one by one.
 */
class Selection {
  private readonly people = new Map<string, SelectedPerson>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getVersion = () => this.changes;

  get size(): number {
    return this.people.size;
  }

  has(id: string): boolean {
    return this.people.has(id);
  }

  list(): SelectedPerson[] {
    return [...this.people.values()];
  }

  toggle(person: SelectedPerson): void {
    if (this.people.has(person.id)) this.people.delete(person.id);
    else this.people.set(person.id, person);
    this.changed();
  }

  add(people: readonly SelectedPerson[]): void {
    for (const person of people) this.people.set(person.id, person);
    this.changed();
  }

  clear(): void {
    this.people.clear();
    this.changed();
  }

  private changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }
}

export const selection = new Selection();

/** The selection, re-rendering on every change. */
export function useSelection(): Selection {
  useSyncExternalStore(selection.subscribe, selection.getVersion);
  return selection;
}
