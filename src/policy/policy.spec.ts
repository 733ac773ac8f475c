import { HttpException } from '@nestjs/common';
import {
  authorize,
  authorizeRestore,
  can,
  canRestore,
  removedByModerator,
  RULES,
  type Permission,
} from './policy';
import { ROLES, type Role } from './roles';

const OWNER_ID = 7;
const SOMEONE_ELSE = 8;

/** The decisions docs/security.md promises, written out by hand: [permission, role, as the owner, as anyone else]. */
const DECISIONS: [Permission, Role, boolean, boolean][] = [
  ['article.update', 'user', true, false],
  ['article.update', 'moderator', true, false],
  ['article.update', 'admin', true, true],
  ['article.delete', 'user', true, false],
  ['article.delete', 'moderator', true, true],
  ['article.delete', 'admin', true, true],
  ['article.unpublish', 'user', true, false],
  ['article.unpublish', 'moderator', true, true],
  ['article.unpublish', 'admin', true, true],
  ['article.history', 'user', true, false],
  ['article.history', 'moderator', true, true],
  ['article.history', 'admin', true, true],
  ['article.read-unlisted', 'user', true, false],
  ['article.read-unlisted', 'moderator', true, true],
  ['article.read-unlisted', 'admin', true, true],
  ['article.restore', 'user', true, false],
  ['article.restore', 'moderator', true, true],
  ['article.restore', 'admin', true, true],
  ['comment.delete', 'user', true, false],
  ['comment.delete', 'moderator', true, true],
  ['comment.delete', 'admin', true, true],
  ['comment.restore', 'user', true, false],
  ['comment.restore', 'moderator', true, true],
  ['comment.restore', 'admin', true, true],
  ['report.create', 'user', true, true],
  ['report.create', 'moderator', true, true],
  ['report.create', 'admin', true, true],
  ['report.review', 'user', false, false],
  ['report.review', 'moderator', true, true],
  ['report.review', 'admin', true, true],
  ['user.manage', 'user', false, false],
  ['user.manage', 'moderator', false, false],
  ['user.manage', 'admin', true, true],
  ['audit.read', 'user', false, false],
  ['audit.read', 'moderator', false, false],
  ['audit.read', 'admin', true, true],
  ['resource.change', 'user', true, false],
  ['resource.change', 'moderator', true, false],
  ['resource.change', 'admin', true, true],
];

const CASES = DECISIONS.flatMap(([permission, role, asOwner, asOther]) => [
  { permission, role, whose: 'their own', ownerId: OWNER_ID, allowed: asOwner },
  { permission, role, whose: "someone else's", ownerId: SOMEONE_ELSE, allowed: asOther },
]);

function thrownBy(run: () => void): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    return { status: (error as HttpException).getStatus(), body: (error as HttpException).getResponse() };
  }
  throw new Error('expected authorize to refuse');
}

describe('policy', () => {
  it('should decide every permission of RULES for every role', () => {
    const decided = (role: Role) =>
      DECISIONS.filter(([, r]) => r === role)
        .map(([permission]) => permission)
        .sort();
    for (const role of ROLES) expect(decided(role)).toEqual(Object.keys(RULES).sort());
  });

  describe('can', () => {
    it.each(CASES)(
      'should answer $allowed to the $role role doing $permission to $whose subject',
      ({ permission, role, ownerId, allowed }) => {
        expect(can({ id: OWNER_ID, role }, permission, ownerId)).toBe(allowed);
      },
    );

    it.each([
      'article.update',
      'article.delete',
      'article.unpublish',
      'article.history',
      'article.read-unlisted',
      'article.restore',
      'comment.delete',
      'comment.restore',
    ] as const)('should not let a user do %s when the owner is not known', (permission) => {
      expect(can({ id: OWNER_ID, role: 'user' }, permission)).toBe(false);
    });
  });

  describe('authorize', () => {
    it('should name the field it is given in the 403 (a generated resource names itself)', () => {
      expect(
        thrownBy(() => authorize({ id: OWNER_ID, role: 'user' }, 'resource.change', SOMEONE_ELSE, 'note')),
      ).toEqual({
        status: 403,
        body: { errors: { note: ['forbidden'] } },
      });
      expect(() =>
        authorize({ id: OWNER_ID, role: 'user' }, 'resource.change', OWNER_ID, 'note'),
      ).not.toThrow();
    });

    it.each(CASES.filter((c) => c.allowed))(
      'should let the $role role do $permission to $whose subject',
      ({ permission, role, ownerId }) => {
        expect(() => authorize({ id: OWNER_ID, role }, permission, ownerId)).not.toThrow();
      },
    );

    it.each([
      ['article.update', 'article'],
      ['article.delete', 'article'],
      ['article.unpublish', 'article'],
      ['article.history', 'article'],
      ['article.read-unlisted', 'article'],
      ['article.restore', 'article'],
      ['comment.delete', 'comment'],
      ['comment.restore', 'comment'],
      ['report.review', 'report'],
      ['user.manage', 'user'],
      ['audit.read', 'audit'],
      ['resource.change', 'resource'],
    ] as const)('should answer 403 naming the %s subject as %s when a user may not', (permission, field) => {
      expect(thrownBy(() => authorize({ id: OWNER_ID, role: 'user' }, permission, SOMEONE_ELSE))).toEqual({
        status: 403,
        body: { errors: { [field]: ['forbidden'] } },
      });
    });
  });

  describe('restoring from the trash', () => {
    const selfDeleted = { authorId: OWNER_ID, deletedBy: OWNER_ID };
    const takenDown = { authorId: OWNER_ID, deletedBy: SOMEONE_ELSE };

    it('should tell who put it in the trash', () => {
      expect(removedByModerator(selfDeleted)).toBe(false);
      expect(removedByModerator(takenDown)).toBe(true);
    });

    it.each(['article.restore', 'comment.restore'] as const)(
      'should let the author %s only what they deleted, and moderators and admins anything',
      (permission) => {
        const author = { id: OWNER_ID, role: 'user' as const };
        expect(canRestore(author, permission, selfDeleted)).toBe(true);
        expect(canRestore(author, permission, takenDown)).toBe(false);
        expect(canRestore({ id: SOMEONE_ELSE, role: 'user' }, permission, selfDeleted)).toBe(false);
        for (const role of ['moderator', 'admin'] as const)
          expect(canRestore({ id: SOMEONE_ELSE, role }, permission, takenDown)).toBe(true);
      },
    );

    it.each([
      ['article.restore', 'article'],
      ['comment.restore', 'comment'],
    ] as const)('should answer %s refused with a 403 on %s that says why', (permission, field) => {
      expect(thrownBy(() => authorizeRestore({ id: OWNER_ID, role: 'user' }, permission, takenDown))).toEqual(
        {
          status: 403,
          body: { errors: { [field]: ['was removed by a moderator, who alone can restore it'] } },
        },
      );
    });
  });
});
