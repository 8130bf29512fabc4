/**
 * Open-text responses and their moderation: the list of answers, hiding and showing one (its words leave or rejoin
 * the word cloud), and answers held back for a blocked word ({@code intrapoll.moderation.blocked-words}).
 */
package io.intrapoll.response;
