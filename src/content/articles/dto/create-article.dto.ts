import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Envelope, RequiredText } from '../../../common/validation/decorators';
import { TagListField } from '../../tags/tag-list.decorator';
import { ArticleWorkflowFieldsDto } from './article-workflow.dto';
import { BODY_MAX_BYTES, DESCRIPTION_MAX, TITLE_MAX } from '../entities/article.entity';

export class CreateArticleDto extends ArticleWorkflowFieldsDto {
  @ApiProperty({ example: 'How to train your dragon', maxLength: TITLE_MAX })
  @RequiredText({ max: TITLE_MAX })
  title: string;

  @ApiProperty({ example: 'Ever wonder how?', maxLength: DESCRIPTION_MAX })
  @RequiredText({ max: DESCRIPTION_MAX })
  description: string;

  @ApiProperty({
    example: 'You have to believe',
    description: `Markdown, at most ${BODY_MAX_BYTES} bytes of UTF-8`,
  })
  @RequiredText({ maxBytes: BODY_MAX_BYTES })
  body: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['dragons', 'training'],
    description: 'Stored trimmed and lower-cased, in this order',
  })
  @TagListField()
  tagList?: string[];
}

export class CreateArticleRequestDto {
  @ApiProperty({ type: CreateArticleDto })
  @Envelope(() => CreateArticleDto)
  article: CreateArticleDto;
}
