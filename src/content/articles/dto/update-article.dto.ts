import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Envelope, OptionalText } from '../../../common/validation/decorators';
import { TagListField } from '../../tags/tag-list.decorator';
import { ArticleWorkflowFieldsDto } from './article-workflow.dto';
import { BODY_MAX_BYTES, DESCRIPTION_MAX, TITLE_MAX } from '../entities/article.entity';

/** Fields left out stay as they are; a new title also gives the article a new slug. */
export class UpdateArticleDto extends ArticleWorkflowFieldsDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @OptionalText({ max: TITLE_MAX })
  title?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @OptionalText({ max: DESCRIPTION_MAX })
  description?: string;

  @ApiPropertyOptional({ description: `Markdown, at most ${BODY_MAX_BYTES} bytes of UTF-8` })
  @OptionalText({ maxBytes: BODY_MAX_BYTES })
  body?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Replaces the tags; [] removes them all, null is rejected',
  })
  @TagListField()
  tagList?: string[];
}

export class UpdateArticleRequestDto {
  @ApiProperty({ type: UpdateArticleDto })
  @Envelope(() => UpdateArticleDto)
  article: UpdateArticleDto;
}
