import { toCommentDto, toNewCommentDto } from './comment-row';

describe('comment mappers', () => {
  it('should map a row with a numeric-string id and text timestamps', () => {
    expect(
      toCommentDto({
        id: '5',
        body: 'Nice',
        createdAt: '2026-11-30 10:00:00.000',
        updatedAt: '2026-11-30 10:00:00.000',
        authorUsername: 'jane',
        authorBio: 'bio',
        authorImage: null,
        following: '1',
      }),
    ).toEqual({
      id: 5,
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
      body: 'Nice',
      author: { username: 'jane', bio: 'bio', image: null, following: true },
    });
  });

  it('should show a new comment as its author sees it', () => {
    const createdAt = new Date('2026-11-30T10:00:00.000Z');
    expect(
      toNewCommentDto({ id: 9, body: 'First', createdAt }, { username: 'jane', bio: null, image: null }),
    ).toEqual({
      id: 9,
      createdAt: createdAt.toISOString(),
      updatedAt: createdAt.toISOString(),
      body: 'First',
      author: { username: 'jane', bio: null, image: null, following: false },
    });
  });
});
