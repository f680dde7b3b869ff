// A compact Aho-Corasick automaton over UTF-16 code units, reporting occurrences in the order pyahocorasick does
// (by end position, and at one end position the longest key first), so the engine meets hits in the same order as
// moderation/matcher.py and ties resolve the same way.

export class AhoCorasick<V> {
  // Children of every node in one map keyed by node * 65536 + code unit: one object per edge, not per node.
  private readonly edges = new Map<number, number>();
  private readonly firstChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  private readonly unit: number[] = [0];
  private readonly depth: number[] = [0];
  private readonly value: (V | undefined)[] = [undefined];
  private readonly terminal: boolean[] = [false];
  private fail: Int32Array = new Int32Array(0);
  private dict: Int32Array = new Int32Array(0);
  private built = false;
  size = 0;

  /** Registers `key`; a key added twice keeps the value of the first call unless `merge` combines them. */
  add(key: string, value: V, merge?: (old: V, value: V) => V): void {
    if (this.built) throw new Error('automaton already built');
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      const id = node * 65536 + c;
      let next = this.edges.get(id);
      if (next === undefined) {
        next = this.unit.length;
        this.unit.push(c);
        this.depth.push(this.depth[node]! + 1);
        this.value.push(undefined);
        this.terminal.push(false);
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[node]!);
        this.firstChild[node] = next;
        this.edges.set(id, next);
      }
      node = next;
    }
    if (this.terminal[node]) {
      if (merge) this.value[node] = merge(this.value[node] as V, value);
      return;
    }
    this.terminal[node] = true;
    this.value[node] = value;
    this.size++;
  }

  get(key: string): V | undefined {
    let node = 0;
    for (let i = 0; i < key.length && node >= 0; i++) node = this.edges.get(node * 65536 + key.charCodeAt(i)) ?? -1;
    return node >= 0 && this.terminal[node] ? this.value[node] : undefined;
  }

  build(): void {
    const n = this.unit.length;
    this.fail = new Int32Array(n);
    this.dict = new Int32Array(n).fill(-1);
    const queue: number[] = [];
    for (let c = this.firstChild[0]!; c >= 0; c = this.nextSibling[c]!) queue.push(c);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      const f = this.fail[node]!;
      this.dict[node] = this.terminal[f] && f !== 0 ? f : this.dict[f]!;
      for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) {
        const u = this.unit[c]!;
        let g = f;
        let target = -1;
        for (;;) {
          const t = this.edges.get(g * 65536 + u);
          if (t !== undefined && t !== c) { target = t; break; }
          if (g === 0) break;
          g = this.fail[g]!;
        }
        this.fail[c] = target >= 0 ? target : 0;
        queue.push(c);
      }
    }
    this.built = true;
  }

  /** Calls `fn(end, length, value)` for every occurrence (end exclusive); stops when `fn` returns true. */
  scan(text: string, fn: (end: number, length: number, value: V) => boolean | void): void {
    if (!this.built) this.build();
    if (this.size === 0) return;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i);
      for (;;) {
        const t = this.edges.get(node * 65536 + u);
        if (t !== undefined) { node = t; break; }
        if (node === 0) break;
        node = this.fail[node]!;
      }
      for (let o = this.terminal[node] ? node : this.dict[node]!; o > 0; o = this.dict[o]!) {
        if (fn(i + 1, this.depth[o]!, this.value[o] as V) === true) return;
      }
    }
  }
}
