import { CreateUsersAndFollows1764100000000 } from './1764100000000-CreateUsersAndFollows';
import { CreateContent1764200000000 } from './1764200000000-CreateContent';
import { AddTokenVersionAndWideBodies1764300000000 } from './1764300000000-AddTokenVersionAndWideBodies';
import { AddContentCounters1764400000000 } from './1764400000000-AddContentCounters';
import { CaseInsensitiveUsernames1764500000000 } from './1764500000000-CaseInsensitiveUsernames';
import { ExactArticleSlugs1764600000000 } from './1764600000000-ExactArticleSlugs';
import { CreateCacheVersions1796037027234 } from './1796037027234-CreateCacheVersions';
import { AddArticleFavoritesCount1796063158454 } from './1796063158454-AddArticleFavoritesCount';
import { AddSessionsAndAuditLog1796072752068 } from './1796072752068-AddSessionsAndAuditLog';
import { AddEmailFlowsAndJobs1796073782638 } from './1796073782638-AddEmailFlowsAndJobs';
import { AddRolesAndReports1796074599048 } from './1796074599048-AddRolesAndReports';
import { AddTwoFactorSignIn1796076116846 } from './1796076116846-AddTwoFactorSignIn';
import { AddArticleWorkflow1796086269798 } from './1796086269798-AddArticleWorkflow';
import { AddArticleRevisions1796089811165 } from './1796089811165-AddArticleRevisions';
import { AddTrash1796102408783 } from './1796102408783-AddTrash';
import { AddArticleSearch1796105000000 } from './1796105000000-AddArticleSearch';
import { AddArticleSortIndexes1796105000001 } from './1796105000001-AddArticleSortIndexes';

/** Every migration, oldest first; a new one is added at the end. */
export const MIGRATIONS = [
  CreateUsersAndFollows1764100000000,
  CreateContent1764200000000,
  AddTokenVersionAndWideBodies1764300000000,
  AddContentCounters1764400000000,
  CaseInsensitiveUsernames1764500000000,
  ExactArticleSlugs1764600000000,
  CreateCacheVersions1796037027234,
  AddArticleFavoritesCount1796063158454,
  AddSessionsAndAuditLog1796072752068,
  AddEmailFlowsAndJobs1796073782638,
  AddRolesAndReports1796074599048,
  AddTwoFactorSignIn1796076116846,
  AddArticleWorkflow1796086269798,
  AddArticleRevisions1796089811165,
  AddTrash1796102408783,
  AddArticleSearch1796105000000,
  AddArticleSortIndexes1796105000001,
];
