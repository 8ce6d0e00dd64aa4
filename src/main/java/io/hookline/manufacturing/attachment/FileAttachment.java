package io.hookline.manufacturing.attachment;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** The metadata of a file attached to another object; the contents are stored elsewhere. */
public record FileAttachment(long id, long organizationId, String resource, long resourceId, String name,
                             String contentType, long sizeBytes, String checksum, Long createdBy,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<FileAttachment> TABLE = Table.of(Resource.FILE_ATTACHMENTS, FileAttachment.class)
            .sortable("NAME", "name", "text");
}
