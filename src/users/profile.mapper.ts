import { ProfileDto } from './dto/profile.dto';

export interface ProfileSource {
  username: string;
  bio: string | null;
  image: string | null;
}

export function toProfileDto(user: ProfileSource, following: boolean): ProfileDto {
  return { username: user.username, bio: user.bio ?? null, image: user.image ?? null, following };
}
