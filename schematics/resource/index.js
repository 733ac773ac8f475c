// Folio's `nest g resource <name>`: a feature module in the repository's style (docs/adding-a-module.md) that builds,
// lints and passes the test suite as written. Plain CommonJS so that the nest CLI loads it without a build step.
// Besides src/<name>/ it writes the query snapshot and an e2e spec, and registers the module in the nearest module
// above it, the entity in src/database/entities.ts, the write routes in the cache freshness spec and the new folder
// in the README's Layout. The table's migration is left to `npm run migration:new -- Create<Name>`, which drafts it
// from the entity.
'use strict';

const { join, normalize, relative, strings } = require('@angular-devkit/core');
const {
  SchematicsException,
  apply,
  applyTemplates,
  chain,
  filter,
  mergeWith,
  move,
  noop,
  url,
} = require('@angular-devkit/schematics');
const { ModuleDeclarator, ModuleFinder } = require('@nestjs/schematics');
const pluralize = require('pluralize');
const ts = require('typescript');

const ENTITIES_FILE = '/src/database/entities.ts';
const FRESHNESS_SPEC = '/test/content/fresh-after-writes.e2e-spec.ts';
const POLICY_SPEC = '/test/security/policy.e2e-spec.ts';
const README = '/README.md';
const FORMATTED = ['.ts', '.js', '.json'];

function main(options) {
  const names = namesOf(options);
  return chain([
    // Before the files: the nearest module above the new folder, not the new module itself.
    options.skipImport ? noop() : importIntoNearestModule(names),
    files(names),
    registerEntity(names),
    addFreshnessCases(names),
    addPolicyCases(names),
    nameInReadmeLayout(names),
    formatWrittenFiles(),
    (_tree, context) => {
      context.logger.info(
        `Next: npm run migration:new -- Create${names.className} (drafts the table from the entity), ` +
          'then npm run openapi. See docs/adding-a-module.md.',
      );
    },
  ]);
}

/** Every spelling the templates need, from a name such as `notes` or `blog-posts` (optionally `path/notes`). */
function namesOf(options) {
  if (!options.name) throw new SchematicsException('A name is required: nest g resource <name>.');
  if (options.type && options.type !== 'rest')
    throw new SchematicsException(
      `Folio's resource is REST only; for --type ${options.type} use the plain one: nest g nest-resource.`,
    );
  if (options.crud === false)
    throw new SchematicsException(
      'For a resource without CRUD use the plain one: nest g nest-resource --crud false.',
    );
  if (options.language && options.language !== 'ts')
    throw new SchematicsException('Folio is written in TypeScript: --language ts only.');
  if (options.flat) throw new SchematicsException('A Folio resource is a folder of its own: drop --flat.');

  const segments = normalize(options.name).split('/').filter(Boolean);
  const name = strings.dasherize(segments.pop());
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new SchematicsException(
      `"${name}" is not a usable resource name: letters, digits and dashes only.`,
    );
  const sourceRoot = normalize(`/${options.sourceRoot || 'src'}`);
  const under = [...normalize(options.path || '').split('/'), ...segments]
    .filter(Boolean)
    .map(strings.dasherize);
  const directory = join(sourceRoot, ...under, name);
  const singular = pluralize.singular(name);
  const humanPlural = name.replace(/-/g, ' ');
  return {
    name,
    className: strings.classify(name),
    propertyName: strings.camelize(name),
    route: name,
    table: strings.underscore(name),
    entityFile: singular,
    entityClass: strings.classify(singular),
    entityProperty: strings.camelize(singular),
    constantPrefix: strings.underscore(singular).toUpperCase(),
    human: singular.replace(/-/g, ' '),
    humanPlural,
    tag: humanPlural.charAt(0).toUpperCase() + humanPlural.slice(1),
    directory,
    /** From the module's folder to the source root, for imports: `..` for src/notes. */
    toSource: relative(directory, sourceRoot),
    /** The module's folder under the source root, as the query snapshot names it: `notes`. */
    sourcePath: relative(sourceRoot, directory),
    spec: options.spec !== false,
  };
}

function files(names) {
  const template = (folder, destination) =>
    mergeWith(
      apply(url(`./files/${folder}`), [
        names.spec ? noop() : filter((path) => !/\.(e2e-)?spec\.ts\.template$/.test(path)),
        applyTemplates(names),
        move(destination),
      ]),
    );
  return chain([
    template('module', names.directory),
    template('queries', '/src/database/queries'),
    names.spec ? template('test', join(normalize('/test'), names.name)) : noop(),
  ]);
}

/** As the plain resource does: the module joins the `imports` of the nearest module above its folder. */
function importIntoNearestModule(names) {
  return (tree) => {
    const modulePath = new ModuleFinder(tree).find({ name: names.name, path: names.directory });
    if (!modulePath) return tree;
    const content = tree.read(modulePath).toString();
    const declared = new ModuleDeclarator().declare(content, {
      name: names.name,
      path: names.directory,
      module: modulePath,
      type: 'module',
      metadata: 'imports',
      isEsm: false,
    });
    tree.overwrite(modulePath, declared);
    return tree;
  };
}

/** The entity joins ENTITIES in src/database/entities.ts: imported after the others, listed last. */
function registerEntity(names) {
  return (tree, context) => {
    const buffer = tree.read(ENTITIES_FILE);
    if (!buffer) {
      context.logger.warn(
        `${ENTITIES_FILE} not found: add ${names.entityClass} to the DataSource's entities.`,
      );
      return tree;
    }
    const source = buffer.toString();
    const from = relative(
      normalize('/src/database'),
      join(names.directory, 'entities', `${names.entityFile}.entity`),
    );
    const updated = appendToArray(
      source,
      'ENTITIES',
      names.entityClass,
      `import { ${names.entityClass} } from '${from}';`,
    );
    if (!updated) throw new SchematicsException(`${ENTITIES_FILE} has no ENTITIES array literal to add to.`);
    tree.overwrite(ENTITIES_FILE, updated);
    return tree;
  };
}

/** `source` with `importLine` after its last import and `element` last in the array literal `name`; or null. */
function appendToArray(source, name, element, importLine) {
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true);
  const imports = file.statements.filter(ts.isImportDeclaration);
  let array;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer)
      if (ts.isArrayLiteralExpression(node.initializer)) array = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!array) return null;
  const elements = array.elements;
  const at = elements.length > 0 ? elements[elements.length - 1].getEnd() : array.getStart() + 1;
  const withElement = `${source.slice(0, at)}${elements.length > 0 ? ', ' : ''}${element}${source.slice(at)}`;
  const afterImports = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
  return `${withElement.slice(0, afterImports)}\n${importLine}${withElement.slice(afterImports)}`;
}

/**
 * test/security/policy.e2e-spec.ts demands the documented answer of every route to every role: the generated routes
 * get theirs (any signed-in user reads and creates; the owner or an admin changes and deletes).
 */
function addPolicyCases(names) {
  return (tree, context) => {
    const buffer = tree.read(POLICY_SPEC);
    if (!buffer) return tree;
    const source = buffer.toString();
    const cases = objectLiteralNamed(source, 'CASES');
    if (!cases) {
      context.logger.warn(`${POLICY_SPEC} has no CASES object: add cases for the ${names.name} routes.`);
      return tree;
    }
    const close = cases.getEnd() - 1;
    const before = source.slice(0, close).replace(/\s*$/, '');
    const separator = before.endsWith(',') || before.endsWith('{') ? '' : ',';
    tree.overwrite(POLICY_SPEC, `${before}${separator}\n${policyCases(names)}${source.slice(close)}`);
    return tree;
  };
}

function objectLiteralNamed(source, name) {
  const file = ts.createSourceFile('spec.ts', source, ts.ScriptTarget.Latest, true);
  let found;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer)
      if (ts.isObjectLiteralExpression(node.initializer)) found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function policyCases({ route, entityProperty: key }) {
  const path = `/api/${route}`;
  const owned = `(await request(t.http).post('${path}').set(...auth(owner)).send({ ${key}: { title: 'Owned', body: 'A body' } }).expect(201)).body.${key}.id`;
  return `  'get ${path}': { expected: signedIn(200), send: async ({ t, as }) => as(request(t.http).get('${path}')) },
  'post ${path}': {
    expected: signedIn(201),
    send: async ({ t, as }) => as(request(t.http).post('${path}')).send({ ${key}: { title: 'Policy', body: 'A body' } }),
  },
  'get ${path}/{id}': {
    expected: signedIn(200),
    send: async ({ t, as, owner }) => as(request(t.http).get(\`${path}/\${${owned}}\`)),
  },
  'patch ${path}/{id}': {
    expected: owner(200),
    send: async ({ t, as, owner }) =>
      as(request(t.http).patch(\`${path}/\${${owned}}\`)).send({ ${key}: { title: 'Renamed' } }),
  },
  'delete ${path}/{id}': {
    expected: owner(204),
    send: async ({ t, as, owner }) => as(request(t.http).delete(\`${path}/\${${owned}}\`)),
  },
`;
}

/**
 * test/content/fresh-after-writes.e2e-spec.ts demands a case for every write route of the application (a new write
 * path must not serve stale reads): the generated routes get theirs, reading back through the other instance.
 */
function addFreshnessCases(names) {
  return (tree, context) => {
    const buffer = tree.read(FRESHNESS_SPEC);
    if (!buffer) return tree;
    const source = buffer.toString();
    const file = ts.createSourceFile('spec.ts', source, ts.ScriptTarget.Latest, true);
    let cases;
    const visit = (node) => {
      if (ts.isVariableDeclaration(node) && node.name.getText() === 'CASES' && node.initializer)
        if (ts.isObjectLiteralExpression(node.initializer)) cases = node.initializer;
      ts.forEachChild(node, visit);
    };
    visit(file);
    if (!cases) {
      context.logger.warn(
        `${FRESHNESS_SPEC} has no CASES object: add cases for the ${names.name} write routes.`,
      );
      return tree;
    }
    const close = cases.getEnd() - 1;
    const before = source.slice(0, close).replace(/\s*$/, '');
    const separator = before.endsWith(',') || before.endsWith('{') ? '' : ',';
    tree.overwrite(FRESHNESS_SPEC, `${before}${separator}\n${freshnessCases(names)}${source.slice(close)}`);
    return tree;
  };
}

function freshnessCases({ route, entityProperty: key }) {
  const path = `/api/${route}`;
  const create = (user) =>
    `(await request(write.http).post('${path}').set(...auth(${user})).send({ ${key}: { title: 'Fresh', body: 'A body' } }).expect(201)).body.${key}`;
  return `  'post ${path}': async ({ write, read, author }) => {
    const created = ${create('author')};
    const { body } = await request(read.http).get(\`${path}/\${created.id}\`).set(...auth(author)).expect(200);
    expect(body.${key}).toEqual(created);
  },
  'patch ${path}/{id}': async ({ write, read, author }) => {
    const created = ${create('author')};
    await request(read.http).get(\`${path}/\${created.id}\`).set(...auth(author)).expect(200);
    await request(write.http).patch(\`${path}/\${created.id}\`).set(...auth(author)).send({ ${key}: { title: 'Renamed' } }).expect(200);
    const { body } = await request(read.http).get(\`${path}/\${created.id}\`).set(...auth(author)).expect(200);
    expect(body.${key}.title).toBe('Renamed');
  },
  'delete ${path}/{id}': async ({ write, read, author }) => {
    const created = ${create('author')};
    await request(read.http).get(\`${path}/\${created.id}\`).set(...auth(author)).expect(200);
    await request(write.http).delete(\`${path}/\${created.id}\`).set(...auth(author)).expect(204);
    await request(read.http).get(\`${path}/\${created.id}\`).set(...auth(author)).expect(404);
  },
`;
}

/**
 * test/docs/readme.e2e-spec.ts demands that the README's Layout section name every folder of src/: a new top-level
 * folder gets a line after the last src/ line there, in the same columns, for its author to complete.
 */
function nameInReadmeLayout(names) {
  return (tree, context) => {
    const buffer = tree.read(README);
    const folder = `src/${names.sourcePath.split('/')[0]}/`;
    if (!buffer) return tree;
    const readme = buffer.toString();
    const start = readme.indexOf('\n## Layout\n');
    if (start < 0) return tree;
    const next = readme.indexOf('\n## ', start + 1);
    const end = next < 0 ? readme.length : next;
    const layout = readme.slice(start, end);
    if (layout.includes(folder)) return tree;
    const lines = [...layout.matchAll(/^src\/\S*\s+/gm)];
    const last = lines[lines.length - 1];
    if (!last) {
      context.logger.warn(`README.md: name ${folder} in the Layout section.`);
      return tree;
    }
    const lineEnd = readme.indexOf('\n', start + last.index);
    const entry = `${folder.padEnd(last[0].length - 1)} ${names.humanPlural}, generated by nest g resource (docs/adding-a-module.md)`;
    tree.overwrite(README, `${readme.slice(0, lineEnd)}\n${entry}${readme.slice(lineEnd)}`);
    return tree;
  };
}

/** Every file written or changed, laid out by prettier with the repository's settings (.prettierrc). */
function formatWrittenFiles() {
  return async (tree) => {
    const prettier = await import('prettier');
    const paths = new Set();
    for (const action of tree.actions)
      if (['c', 'o', 'r'].includes(action.kind)) paths.add(action.kind === 'r' ? action.to : action.path);
    for (const path of paths) {
      if (!FORMATTED.some((extension) => path.endsWith(extension)) || !tree.exists(path)) continue;
      const file = join(normalize(process.cwd()), path.slice(1));
      const options = (await prettier.resolveConfig(file)) ?? {};
      const source = tree.read(path).toString();
      const formatted = await prettier.format(source, { ...options, filepath: file });
      if (formatted !== source) tree.overwrite(path, formatted);
    }
    return tree;
  };
}

module.exports = { main };
