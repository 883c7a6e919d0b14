/**
 * Answers of recent searches, kept while the index does not change. A search is repeated far more
 * often than it is new (the home page's newest, a theme, a popular word, the next page back), and
 * an answer stays right until something is published, changed or withdrawn: every such change
 * raises the index generation, and an answer of an older generation is never given.
 *
 * Per process and bounded (least recently used goes first); several app servers each keep their
 * own, all following the same generation in the database. The bound counts entries, or what
 * `weigh` says an entry weighs (an entry heavier than the bound is not kept).
 */
export class ResultCache<T> {
  #generation = -1;
  #weight = 0;
  readonly #answers = new Map<string, T>();

  constructor(
    private readonly bound: number,
    private readonly weigh: (answer: T) => number = () => 1,
  ) {}

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
    const weight = this.weigh(answer);
    if (generation < this.#generation || this.bound === 0 || weight > this.bound) return;
    if (generation > this.#generation) {
      this.#answers.clear();
      this.#weight = 0;
      this.#generation = generation;
    }
    this.#remove(key);
    this.#answers.set(key, answer);
    this.#weight += weight;
    while (this.#weight > this.bound) this.#remove(this.#answers.keys().next().value!);
  }

  #remove(key: string): void {
    const answer = this.#answers.get(key);
    if (answer === undefined) return;
    this.#answers.delete(key);
    this.#weight -= this.weigh(answer);
  }
}
