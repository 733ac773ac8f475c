import type { Account } from '../users/users.repository';
import { UserResponseDto } from './dto/user-response.dto';

export function toUserResponse(user: Account, token: string): UserResponseDto {
  return {
    user: {
      email: user.email,
      token,
      username: user.username,
      bio: user.bio ?? null,
      image: user.image ?? null,
    },
  };
}
