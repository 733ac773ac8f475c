import { committedSnapshots, renderSnapshots } from '../../scripts/sql-snapshots';

describe('Query snapshots (src/database/queries)', () => {
  it('should hold exactly the SQL the repositories send on each engine (npm run sql:snapshots rewrites them)', async () => {
    const rendered = await renderSnapshots();
    expect(rendered.size).toBeGreaterThan(0);
    expect([...committedSnapshots().keys()].sort()).toEqual([...rendered.keys()].sort());
    for (const [file, content] of committedSnapshots())
      expect({ file, content }).toEqual({ file, content: rendered.get(file) });
  });
});
