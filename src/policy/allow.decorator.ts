import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrorResponse } from '../common/decorators/api-responses.decorator';
import type { Permission } from './policy';
import { RULES } from './policy';

export const PERMISSION_KEY = 'folio:permission';

/**
 * A route only callers with `permission` may use (a rule without owners: reports, users, audit); the policy guard
 * answers 403 to the others. Rules about owners are decided in the service, once the subject is loaded.
 */
export function Allow(permission: Permission): MethodDecorator & ClassDecorator {
  const roles = RULES[permission].roles.join(', ');
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiErrorResponse(403, `Only for: ${roles}`, { [RULES[permission].field]: ['forbidden'] }),
  );
}
