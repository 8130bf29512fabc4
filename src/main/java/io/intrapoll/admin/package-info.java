/** The admin API for the console: platform operations that only admins may run. */
package io.intrapoll.admin;
