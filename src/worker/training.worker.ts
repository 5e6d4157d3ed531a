/**
 * Entry of the training / inference worker: wires the worker scope to the message
 * handler. Everything else lives in modules that Node tests can import.
 */
import { attachHandler } from './handler';

attachHandler(self);
