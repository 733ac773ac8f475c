import type { Account } from '../users/users.repository';
import { UserDto, UserResponseDto } from './dto/user-response.dto';

/** The access token and, after a sign-in or a refresh, the session's next refresh token. */
export interface IssuedTokens {
  token: string;
  tokenExpiresAt?: Date;
  refreshToken?: string;
}

export function toUserResponse(user: Account, tokens: IssuedTokens): UserResponseDto {
  const dto: UserDto = {
    email: user.email,
    token: tokens.token,
    username: user.username,
    bio: user.bio ?? null,
    image: user.image ?? null,
  };
  if (tokens.refreshToken !== undefined) dto.refreshToken = tokens.refreshToken;
  if (tokens.tokenExpiresAt !== undefined) dto.tokenExpiresAt = tokens.tokenExpiresAt.toISOString();
  return { user: dto };
}
