/**
 * The voter's pages: static HTML, CSS and JavaScript under {@code src/main/webapp} that talk only to the public
 * REST API, and the few servlets they need (the home address, short links to a vote page, its QR code).
 */
package io.intrapoll.pages;
