import './style.css';
import { App } from './app';
import { registerPlugins } from './plugins';

registerPlugins();
new App();
