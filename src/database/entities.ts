import { Follow } from '../users/entities/follow.entity';
import { User } from '../users/entities/user.entity';

/** Every entity the application maps; a new resource's entity is added here (see README, "Adding a module"). */
export const ENTITIES = [User, Follow];
