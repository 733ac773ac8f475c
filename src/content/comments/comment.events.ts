import { DomainEvent } from '../../events/domain-event';

export interface CommentRef {
  id: number;
  authorId: number;
  article: { id: number; slug: string };
}

export class CommentAdded extends DomainEvent {
  constructor(
    readonly comment: CommentRef,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.comment.authorId;
  }
}

export class CommentDeleted extends DomainEvent {
  constructor(
    readonly comment: CommentRef,
    readonly actorId: number,
    readonly at: Date,
  ) {
    super();
  }
}
