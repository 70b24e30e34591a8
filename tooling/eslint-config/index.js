// Shared flat config for TypeScript workspaces. Rules stay close to the recommended sets:
// the point is catching bugs (floating promises are the classic one in a server), not style —
// Prettier owns style.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export const ignores = {
  ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.svelte-kit/**', '**/generated/**', '**/.data/**'],
}

export default tseslint.config(
  ignores,
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
)
