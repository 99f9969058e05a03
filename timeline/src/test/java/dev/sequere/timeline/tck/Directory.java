package dev.sequere.timeline.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's application database: which persons and projects exist (so a test can delete one)
 * and how many times each loader was called (so a test can check one call per type per page).
 */
public final class Directory {

    private final Map<String, Person> persons = new ConcurrentHashMap<>();
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final AtomicInteger personLoads = new AtomicInteger();
    private final AtomicInteger projectLoads = new AtomicInteger();

    /**
     * Creates and stores a person.
     *
     * @param id its id
     * @return the person
     */
    public Person person(String id) {
        return persons.computeIfAbsent(id, Person::new);
    }

    /**
     * Creates and stores a project.
     *
     * @param id its id
     * @return the project
     */
    public Project project(String id) {
        return projects.computeIfAbsent(id, Project::new);
    }

    /**
     * Deletes a person from the database (its follows and actions stay in Sequere).
     *
     * @param person the person
     */
    public void delete(Person person) {
        persons.remove(person.id());
    }

    /**
     * Deletes a project from the database.
     *
     * @param project the project
     */
    public void delete(Project project) {
        projects.remove(project.id());
    }

    /**
     * The person loader.
     *
     * @param ids ids to load
     * @return the persons that exist
     */
    public List<Person> loadPersons(List<String> ids) {
        personLoads.incrementAndGet();
        List<Person> found = new ArrayList<>();
        for (String id : ids) {
            Person person = persons.get(id);
            if (person != null) {
                found.add(person);
            }
        }
        return found;
    }

    /**
     * The project loader.
     *
     * @param ids ids to load
     * @return the projects that exist
     */
    public List<Project> loadProjects(List<String> ids) {
        projectLoads.incrementAndGet();
        List<Project> found = new ArrayList<>();
        for (String id : ids) {
            Project project = projects.get(id);
            if (project != null) {
                found.add(project);
            }
        }
        return found;
    }

    /**
     * Loader calls so far.
     *
     * @return person loader calls
     */
    public int personLoads() {
        return personLoads.get();
    }

    /**
     * Loader calls so far.
     *
     * @return project loader calls
     */
    public int projectLoads() {
        return projectLoads.get();
    }
}
