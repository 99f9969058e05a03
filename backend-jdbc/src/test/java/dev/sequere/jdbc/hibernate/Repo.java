package dev.sequere.jdbc.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A JPA entity with a string id that looks like SQL. */
@Entity
public class Repo {

    @Id
    private String slug;

    protected Repo() {
    }

    Repo(String slug) {
        this.slug = slug;
    }

    public String getSlug() {
        return slug;
    }
}
