import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AccountToken } from '../auth/account/entities/account-token.entity';
import { MfaChallenge } from '../auth/mfa/entities/mfa-challenge.entity';
import { MfaRecoveryCode } from '../auth/mfa/entities/mfa-recovery-code.entity';
import { MfaTotp } from '../auth/mfa/entities/mfa-totp.entity';
import { RefreshToken } from '../auth/sessions/entities/refresh-token.entity';
import { Session } from '../auth/sessions/entities/session.entity';
import { CacheVersion } from '../cache/entities/cache-version.entity';
import { Article } from '../content/articles/entities/article.entity';
import { ArticleTotal } from '../content/articles/entities/article-total.entity';
import { Favorite } from '../content/articles/entities/favorite.entity';
import { Comment } from '../content/comments/entities/comment.entity';
import { ArticleTag } from '../content/tags/entities/article-tag.entity';
import { Report } from '../content/reports/entities/report.entity';
import { ArticleRevision } from '../content/revisions/entities/article-revision.entity';
import { Tag } from '../content/tags/entities/tag.entity';
import { Job } from '../jobs/entities/job.entity';
import { Follow } from '../users/entities/follow.entity';
import { User } from '../users/entities/user.entity';

/** Every entity the application maps; a new resource's entity is added here (see README, "Adding a module"). */
export const ENTITIES = [
  User,
  Follow,
  Article,
  ArticleTotal,
  Favorite,
  Tag,
  ArticleTag,
  Comment,
  CacheVersion,
  Session,
  RefreshToken,
  AuditEvent,
  AccountToken,
  Job,
  Report,
  MfaTotp,
  MfaRecoveryCode,
  MfaChallenge,
  ArticleRevision,
];
