/**
 * Summarises a V8 CPU profile (node --cpu-prof) around chosen functions: inclusive time, the call
 * tree under them a few levels deep, and self time by function and by category.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> --root insert@patient-repository \
 *     [--root search@patient-service] [--depth 3] [--top 25]
 *
 * A root is `functionName@fileSubstring`; nested matches are counted once (outermost wins).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const modules = clean.lastIndexOf('node_modules/');
  if (modules >= 0) return clean.slice(modules + 'node_modules/'.length);
  const repo = clean.search(/\/(electron|bench|migrations)\//);
  return repo >= 0 ? clean.slice(repo + 1) : clean;
}

function label(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : name;
}

function category(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)' || functionName === '(idle)') return 'V8 / idle';
  if (url.includes('node_modules/kysely')) return 'kysely (build + compile SQL)';
  if (url.includes('node_modules/better-sqlite3')) return 'better-sqlite3 JS wrapper';
  if (url.includes('node_modules/zod')) return 'zod';
  if (url.includes('internal/crypto') || url === 'node:crypto') return 'node:crypto (JS side)';
  if (url.includes('electron/core/crypto')) return 'app crypto code';
  if (url.includes('electron/core/db/')) return 'app db wrapper';
  if (url.includes('electron/core/access/')) return 'access log';
  if (url.includes('electron/core/patients/')) return 'patients code';
  if (url.includes('electron/shared/')) return 'shared (normalisation, validation)';
  if (url.includes('bench/')) return 'bench code';
  if (url === '') {
    // Native functions (better-sqlite3 statements, crypto bindings, builtins) have no URL.
    if (/^(run|all|get|iterate|prepare|exec|transaction)$/.test(functionName)) {
      return 'SQLite (native statement calls)';
    }
    if (
      /Hmac|Cipher|Decipher|digest|update|final|setAAD|getAuthTag|hkdf|scrypt|randomFill/i.test(
        functionName,
      )
    ) {
      return 'crypto (native)';
    }
    return `native: ${functionName}`;
  }
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string', multiple: true, default: [] },
      depth: { type: 'string', default: '3' },
      top: { type: 'string', default: '25' },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> --root fn@file …');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const depth = Number(values.depth);
  const top = Number(values.top);

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);

  const inclusive = new Map<number, number>();
  const inclusiveOf = (id: number): number => {
    const cached = inclusive.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    const value =
      (self.get(id) ?? 0) + (node.children ?? []).reduce((a, c) => a + inclusiveOf(c), 0);
    inclusive.set(id, value);
    return value;
  };

  const out: string[] = [`profile ${file}: ${totalMs.toFixed(0)} ms sampled`];
  for (const spec of values.root) {
    const [fn, fileSub = ''] = spec.split('@');
    const matches = (node: ProfileNode) =>
      node.callFrame.functionName === fn && node.callFrame.url.includes(fileSub);
    const roots = profile.nodes.filter((node) => {
      if (!matches(node)) return false;
      for (let up = parent.get(node.id); up !== undefined; up = parent.get(up)) {
        if (matches(byId.get(up)!)) return false;
      }
      return true;
    });
    const rootMs = roots.reduce((a, node) => a + inclusiveOf(node.id), 0);
    out.push(
      '',
      `== ${spec}: ${rootMs.toFixed(0)} ms inclusive (${((rootMs / totalMs) * 100).toFixed(1)}% of profile)`,
    );

    // Call tree under the roots, merged by frame label.
    interface Tree {
      ms: number;
      children: Map<string, Tree>;
    }
    const tree: Tree = { ms: rootMs, children: new Map() };
    const add = (into: Tree, id: number, level: number) => {
      if (level > depth) return;
      for (const childId of byId.get(id)!.children ?? []) {
        const key = label(byId.get(childId)!.callFrame);
        let entry = into.children.get(key);
        if (!entry) {
          entry = { ms: 0, children: new Map() };
          into.children.set(key, entry);
        }
        entry.ms += inclusiveOf(childId);
        add(entry, childId, level + 1);
      }
    };
    for (const node of roots) add(tree, node.id, 1);
    const print = (node: Tree, indent: string) => {
      const rows = [...node.children.entries()].sort((a, b) => b[1].ms - a[1].ms);
      for (const [key, child] of rows) {
        if (child.ms < rootMs * 0.01) continue;
        out.push(
          `${indent}${child.ms.toFixed(0).padStart(7)} ms ${((child.ms / rootMs) * 100).toFixed(1).padStart(5)}%  ${key}`,
        );
        print(child, `${indent}  `);
      }
    };
    out.push('call tree (inclusive, ≥1% of the root):');
    print(tree, '  ');

    const selfByLabel = new Map<string, number>();
    const selfByCategory = new Map<string, number>();
    const walk = (id: number) => {
      const node = byId.get(id)!;
      const ms = self.get(id) ?? 0;
      if (ms > 0) {
        selfByLabel.set(label(node.callFrame), (selfByLabel.get(label(node.callFrame)) ?? 0) + ms);
        const cat = category(node.callFrame);
        selfByCategory.set(cat, (selfByCategory.get(cat) ?? 0) + ms);
      }
      for (const child of node.children ?? []) walk(child);
    };
    for (const node of roots) walk(node.id);
    out.push('self time by category:');
    for (const [key, ms] of [...selfByCategory.entries()].sort((a, b) => b[1] - a[1])) {
      out.push(
        `  ${ms.toFixed(0).padStart(7)} ms ${((ms / rootMs) * 100).toFixed(1).padStart(5)}%  ${key}`,
      );
    }
    out.push(`self time by function (top ${top}):`);
    for (const [key, ms] of [...selfByLabel.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      out.push(
        `  ${ms.toFixed(0).padStart(7)} ms ${((ms / rootMs) * 100).toFixed(1).padStart(5)}%  ${key}`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
