package dev.sequere.jdbc.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A JPA entity with a numeric id; not final so that Hibernate can proxy it. */
@Entity
public class Member {

    @Id
    private Long id;

    private String name;

    protected Member() {
    }

    Member(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
