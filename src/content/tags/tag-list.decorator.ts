import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../common/validation/decorators';
import { MaxChars } from '../../common/validation/max-chars.decorator';
import { TAG_MAX } from './entities/tag.entity';
import { normaliseTag } from './tag-name';

export const TAGS_PER_ARTICLE_MAX = 20;

/** An optional list of tag names: trimmed, lower-cased and de-duplicated (first occurrence wins); null is rejected. */
export function TagListField(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? normaliseTags(value) : value)),
    ValidateIf((_, value) => value !== undefined),
    IsArray({ message: 'must be a list of strings' }),
    ArrayMaxSize(TAGS_PER_ARTICLE_MAX, { message: `may hold at most ${TAGS_PER_ARTICLE_MAX} tags` }),
    IsString({ each: true, message: 'must be a list of strings' }),
    IsNotBlank({ each: true, message: "can't contain blank tags" }),
    MaxChars(TAG_MAX, { each: true, message: `tags are at most ${TAG_MAX} characters long` }),
  );
}

function normaliseTags(values: unknown[]): unknown[] {
  const normalised = values.map((value) => (typeof value === 'string' ? normaliseTag(value) : value));
  return normalised.filter(
    (value, index) => typeof value !== 'string' || normalised.indexOf(value) === index,
  );
}
