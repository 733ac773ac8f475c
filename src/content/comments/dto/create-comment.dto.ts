import { ApiProperty } from '@nestjs/swagger';
import { Envelope, RequiredText } from '../../../common/validation/decorators';
import { COMMENT_MAX_BYTES } from '../entities/comment.entity';

export class CreateCommentDto {
  @ApiProperty({
    example: 'His name was my name too.',
    description: `At most ${COMMENT_MAX_BYTES} bytes of UTF-8`,
  })
  @RequiredText({ maxBytes: COMMENT_MAX_BYTES })
  body: string;
}

export class CreateCommentRequestDto {
  @ApiProperty({ type: CreateCommentDto })
  @Envelope(() => CreateCommentDto)
  comment: CreateCommentDto;
}
