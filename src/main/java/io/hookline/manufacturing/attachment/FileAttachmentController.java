package io.hookline.manufacturing.attachment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.capture.Resource;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** The object an attachment belongs to is fixed; it goes when that object is deleted. */
@Controller
class FileAttachmentController {

    private static final Pattern CONTENT_TYPE = Pattern.compile("^[\\w.+-]+/[\\w.+-]+(;.*)?$");

    private final TableRows<FileAttachment> attachments;
    private final People people;
    private final JdbcClient jdbc;

    FileAttachmentController(Rows rows, People people, JdbcClient jdbc) {
        this.attachments = rows.of(FileAttachment.TABLE);
        this.people = people;
        this.jdbc = jdbc;
    }

    record Filters(String resource, Long resourceId) {
    }

    @QueryMapping
    Connection<FileAttachment> fileAttachments(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                               @Arguments ListPage page, @Argument Filters filters) {
        return attachments.list(caller, page, filters, (filter, f) -> filter
                .and("resource = :resource", "resource", f.resource() == null ? null : resource(f.resource()).name())
                .and("resource_id = :object", "object", f.resourceId()));
    }

    @QueryMapping
    FileAttachment fileAttachment(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return attachments.get(caller, id);
    }

    record CreateInput(String resource, Long resourceId, String name, String contentType, BigDecimal sizeBytes,
                       String checksum) {
    }

    @MutationMapping
    @Transactional
    Saved<FileAttachment> createFileAttachment(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                               @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Resource resource = resource(Inputs.required("resource", input.resource()));
        long objectId = Inputs.required("resourceId", input.resourceId());
        // The table name comes from the enum, never from the input text.
        boolean exists = jdbc.sql("select exists (select 1 from " + resource.table()
                        + " where organization_id = :org and id = :id)")
                .param("org", org).param("id", objectId).query(Boolean.class).single();
        if (!exists) {
            throw ApiException.badInput("resourceId: " + resource.name() + " " + objectId + " not found");
        }
        Changes values = Changes.forInsert().set("resource", resource.name()).set("resource_id", objectId);
        fields(values, input.name(), input.contentType(), input.sizeBytes(), input.checksum())
                .set("created_by", caller.userId());
        return new Saved<>(attachments.insert(caller, values));
    }

    record UpdateInput(Long id, String etag, String name, String contentType, BigDecimal sizeBytes, String checksum) {
    }

    @MutationMapping
    @Transactional
    Saved<FileAttachment> updateFileAttachment(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                               @Argument UpdateInput input) {
        caller.requireAdmin();
        return new Saved<>(attachments.update(caller, input.id(), input.etag(),
                fields(Changes.forUpdate(), input.name(), input.contentType(), input.sizeBytes(), input.checksum())));
    }

    @MutationMapping
    @Transactional
    Deleted deleteFileAttachment(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                 @Argument String etag) {
        caller.requireAdmin();
        return attachments.delete(caller, id, etag);
    }

    @BatchMapping(typeName = "FileAttachment")
    Map<FileAttachment, User> createdBy(List<FileAttachment> attachments) {
        return people.of(attachments, FileAttachment::createdBy);
    }

    private static Changes fields(Changes changes, String name, String contentType, BigDecimal sizeBytes,
                                  String checksum) {
        return changes.text("name", name)
                .field("contentType", contentType, v -> contentType(Inputs.required("contentType", v)))
                .field("sizeBytes", sizeBytes, v -> size(Inputs.required("sizeBytes", v)))
                .optionalText("checksum", checksum);
    }

    private static Resource resource(String name) {
        return Resource.parse(name).filter(r -> r != Resource.FILE_ATTACHMENTS).orElseThrow(() -> ApiException.badInput(
                "resource: files attach to one of " + Arrays.stream(Resource.values())
                        .filter(r -> r != Resource.FILE_ATTACHMENTS).toList() + ", not '" + name + "'"));
    }

    private static String contentType(String value) {
        if (!CONTENT_TYPE.matcher(value.trim()).matches()) {
            throw ApiException.badInput("contentType: '" + value + "' is not a media type like application/pdf");
        }
        return value.trim();
    }

    private static long size(BigDecimal bytes) {
        Inputs.nonNegative("sizeBytes", bytes);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badInput("sizeBytes must be a whole number of bytes, not " + bytes.toPlainString());
        }
    }
}
