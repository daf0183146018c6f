package dev.clipflow.uploader.service;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This uploader's record of cancelled jobs and of the threads storing a job's files (see {@link CancelledJobs}). */
@ApplicationScoped
public class Cancellations {

    @Produces
    @Singleton
    CancelledJobs cancelledJobs() {
        return new CancelledJobs();
    }
}
