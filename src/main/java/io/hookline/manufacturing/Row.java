package io.hookline.manufacturing;

/** What every manufacturing row has: an id, its organization and the version clients send back. */
public interface Row {

    long id();

    long organizationId();

    String etag();
}
