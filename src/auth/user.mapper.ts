import type { User } from '../users/entities/user.entity';
import { UserResponseDto } from './dto/user-response.dto';

export function toUserResponse(user: User, token: string): UserResponseDto {
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
