/**
 * Quizzes: the points of a ballot (correctness and speed, the time limit enforced when a ballot is accepted) and the
 * leaderboard of a quiz poll, read from each person's participation.
 */
package io.intrapoll.quiz;
