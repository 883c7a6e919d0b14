/**
 * Answers of recent searches, kept while the index does not change. A search is repeated far more
 * often than it is new (the home page's newest, a theme, a popular word, the next page back), and
 * an answer stays right until something is published, changed or withdrawn: every such change
 * raises the index generation, and an answer of an older generation is never given.
 *
 * Per process and bounded (least recently used goes first); several app servers each keep their
 * own, all following the same generation in the database.
 */
export class ResultCache<T> {
  #generation = -1;
  readonly #answers = new Map<string, T>();

  constructor(private readonly bound: number) {}

  get(generation: number, key: string): T | undefined {
    if (generation !== this.#generation) return undefined;
    const answer = this.#answers.get(key);
    if (answer !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.#answers.delete(key);
      this.#answers.set(key, answer);
    }
    return answer;
  }

  set(generation: number, key: string, answer: T): void {
    if (generation < this.#generation || this.bound === 0) return;
    if (generation > this.#generation) {
      this.#answers.clear();
      this.#generation = generation;
    }
    this.#answers.delete(key);
    this.#answers.set(key, answer);
    if (this.#answers.size > this.bound) this.#answers.delete(this.#answers.keys().next().value!);
  }

  get size(): number {
    return this.#answers.size;
  }
}
