export { default } from '@rapport/eslint-config'
