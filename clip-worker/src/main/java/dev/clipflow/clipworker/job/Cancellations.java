package dev.clipflow.clipworker.job;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This worker's record of cancelled jobs and of the thread rendering each job (see {@link CancelledJobs}). */
@ApplicationScoped
public class Cancellations {

    @Produces
    @Singleton
    CancelledJobs cancelledJobs() {
        return new CancelledJobs();
    }
}
